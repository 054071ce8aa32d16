import type { Command } from './command.js';
import { parseDlqArgs, USAGE } from './dlq-args.js';
import { runDlqCommand } from './dlq-commands.js';
import { openTarget } from './target.js';

/** `hr-sync dlq list|show|replay`: parsing and output as before the other commands came. */
export const dlqCommand: Command = {
  name: 'dlq',
  summary: [
    ['dlq list', 'count dead-lettered messages by error class and provider'],
    ['dlq show <messageId>', "one message's attributes and ids"],
    ['dlq replay ...', 'move messages back to the main queue (--all, or by error class, provider, employee)'],
  ],
  usage: USAGE,
  async run(argv, io) {
    const command = parseDlqArgs(['dlq', ...argv]);
    if (command.name === 'help') {
      io.out(USAGE);
      return 0;
    }
    return runDlqCommand(command, {
      target: openTarget({ ...command.queues, table: undefined }, io.env, io.cwd),
      out: io.out,
      ...(io.progressStream ? { progressStream: io.progressStream } : {}),
    });
  },
};
