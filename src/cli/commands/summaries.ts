/**
 * The top-level commands as `lead-kit --help` lists them, in help order: name, the term shown (name, `[options]`,
 * arguments) and the description. Each command's wiring takes its description from here, and a test checks that
 * each term matches the command's real options and arguments: `lead-kit --help` lists the commands from this table
 * without loading their wiring.
 */
export const SUMMARIES = [
  {
    name: 'simulate',
    term: 'simulate [options] [scenario]',
    description: 'run a whole lead-ad flow as ordered, signed webhook deliveries and report what the endpoint answered',
  },
  {
    name: 'webhook',
    term: 'webhook [options] <kind>',
    description: 'print one lead-flow webhook payload, or deliver it signed with --endpoint',
  },
  {
    name: 'page',
    term: 'page',
    description: 'show how Meta has your Page configured: routing status, thread owner, webhook subscriptions, token permissions',
  },
  { name: 'doctor', term: 'doctor [options]', description: "check your Page's setup for a lead-ad integration and print what to fix" },
  { name: 'thread', term: 'thread', description: 'send a test thread-control call (pass, release, take, extend)' },
  {
    name: 'mock',
    term: 'mock [options]',
    description: 'run a local Graph API with Conversation Routing state that also sends the webhooks, and records every call',
  },
  { name: 'template', term: 'template', description: 'validate lead-ad message templates; print their JSON Schema or an example' },
  {
    name: 'config',
    term: 'config [options]',
    description: 'print the effective configuration and where each value comes from (flag, env, config, default)',
  },
  { name: 'init', term: 'init [options]', description: 'create lead-kit.config.json by answering a few questions' },
  {
    name: 'listen',
    term: 'listen [options]',
    description:
      "a local webhook receiver that answers Meta's handshake, checks signatures over the raw bytes, prints, records and forwards deliveries",
  },
  {
    name: 'replay',
    term: 'replay [options] <inputs...>',
    description:
      'replay saved payloads or listen recordings against an endpoint, signed over the exact bytes, as fast or as slow as you like',
  },
  {
    name: 'verify',
    term: 'verify [options] [url]',
    description: "check that an endpoint answers Meta's handshake and accepts only correctly signed deliveries (a pass/fail matrix)",
  },
  {
    name: 'leads',
    term: 'leads [options]',
    description:
      "read each lead's answers from the Conversations API (summary text, or the Leadgen app's questions paired with the replies)",
  },
  {
    name: 'events',
    term: 'events',
    description: 'report lead events to Meta (Messaging Events API or its successor, the Conversions API)',
  },
  {
    name: 'test',
    term: 'test [options] [suite]',
    description: 'CI smoke checks: start your app, run the lead flows of a suite file against a fresh mock, check what the app did',
  },
] as const;

export type CommandName = (typeof SUMMARIES)[number]['name'];
export type Summary = (typeof SUMMARIES)[number];

export function summaryOf(name: CommandName): Summary {
  return SUMMARIES.find((s) => s.name === name)!;
}
