/**
 * Valid message templates to start from. `button` is the sample from Meta's lead-ads page (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "Setup
 * Thread Control Window"), unchanged; `generic` keeps the same routing keys around a two-card carousel.
 */
export const templateExamples = {
  button: {
    message: {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: 'Hi! Please let us know how we can help you',
          buttons: [
            { title: 'Show me the product!', type: 'web_url', url: 'http://www.facebook.com/' },
            { title: 'Tell me more', type: 'postback', payload: 'USER_DEFINED_PAYLOAD' },
          ],
        },
      },
      receiving_app_id: 1278416343931139,
      receiving_app_control_expiration: 4,
    },
  },
  generic: {
    message: {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'generic',
          elements: [
            {
              title: 'Become a reseller',
              subtitle: 'Wholesale prices from the first order',
              image_url: 'https://example.com/images/reseller.jpg',
              default_action: { type: 'web_url', url: 'https://example.com/resellers' },
              buttons: [
                { type: 'postback', title: 'Call me back', payload: 'LEAD_CALLBACK' },
                { type: 'web_url', title: 'See the catalogue', url: 'https://example.com/catalogue' },
              ],
            },
            {
              title: 'Visit a store',
              subtitle: 'Find the store closest to you',
              buttons: [{ type: 'postback', title: 'Find a store', payload: 'LEAD_STORE' }],
            },
          ],
        },
      },
      receiving_app_id: 1278416343931139,
      receiving_app_control_expiration: 7,
    },
  },
} as const;

/** `button` | `generic` */
export type ExampleName = keyof typeof templateExamples;

/** The names `lead-kit template example` accepts, the default first. */
export const exampleNames = Object.keys(templateExamples) as ExampleName[];
