import { z } from 'zod';

/**
 * GET /{page-id}/conversations?fields=participants,messages{message,created_time,from} (https://developers.facebook.com/docs/graph-api/reference/page/conversations).
 * `participants` fields and the `created_time` format are unconfirmed, so both are read leniently.
 */
const paging = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).partial().optional(),
    next: z.string().optional(),
  })
  .optional();

export const historyMessageSchema = z.object({
  id: z.string().optional(),
  message: z.string().default(''),
  created_time: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

export const messagesPageSchema = z.object({ data: z.array(historyMessageSchema), paging });

export const conversationSchema = z.object({
  id: z.string(),
  participants: z
    .object({ data: z.array(z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() })) })
    .optional(),
  messages: messagesPageSchema.optional(),
});

export const conversationsPageSchema = z.object({ data: z.array(conversationSchema), paging });

export type ConversationsPage = z.infer<typeof conversationsPageSchema>;
