import type { NodeType } from '@baton/engine';

interface LogSettings {
  message: string;
  level: 'debug' | 'info' | 'warn' | 'error';
}

/** Writes a message to the execution log and passes its input on unchanged. */
export const logNode: NodeType<LogSettings> = {
  type: 'util.log',
  version: 1,
  title: 'Log',
  group: 'util',
  description: 'Logs a message (templates like `{{ amount }}` allowed) and passes the input on.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: {
    type: 'object',
    properties: {
      message: { type: 'string' },
      level: { type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
    },
    required: ['message'],
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings }, ctx) {
    ctx.log[settings.level](settings.message, { data });
    return { output: data };
  },
};
