import { TEMPLATES } from '../../../shared/templates/index.ts';
import type { CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';

const templates: CliCommand = {
  name: 'templates',
  summary: 'List the built-in blueprint templates (names for --template)',
  help: 'Usage: journeyscroll templates [--json]\n\nLists the built-in templates. Use a name with --template NAME in export, lint and simulate.',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (values.json)
      io.stdout(
        `${JSON.stringify(
          TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description })),
          null,
          2,
        )}\n`,
      );
    else io.stdout(`${TEMPLATES.map((t) => `${t.id.padEnd(22)} ${t.name} — ${t.description}`).join('\n')}\n`);
    return 0;
  },
};
export default templates;
