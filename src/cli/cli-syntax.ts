// The core's messages name chat commands ("use `/feed list`"); on the command line the same advice
// must read as a command line ("use `briefbot feed list`").

const CHAT_COMMAND = /(^|[\s`("'])\/(feed|digest|brief|watch)(?=[\s`.,;:)"']|$)/g;

/** Rewrites each chat command a message names (/feed, /digest, /brief) as its `briefbot` command. */
export function toCliSyntax(message: string): string {
  return message.replace(CHAT_COMMAND, "$1briefbot $2");
}
