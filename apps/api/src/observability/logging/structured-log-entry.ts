import type { LogFields } from './pick-log-fields';

/** A message with fields, handed through Nest's Logger to BatonLogger, which writes the fields as fields. */
export class StructuredLogEntry {
  constructor(
    readonly msg: string,
    readonly fields: LogFields,
  ) {}

  /** The pretty form: the message, then the fields as JSON. */
  toLine(): string {
    return Object.keys(this.fields).length ? `${this.msg} ${JSON.stringify(this.fields)}` : this.msg;
  }
}
