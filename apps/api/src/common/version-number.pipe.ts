import { type PipeTransform } from '@nestjs/common';
import { validationFailed } from './domain.error';

const MAX_VERSION = 2_147_483_647; // an int column

/** A route parameter holding a version number: a whole number the versions column can hold. */
export class VersionNumberPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_VERSION)
      throw validationFailed(`${this.name} must be a whole number from 1 to ${MAX_VERSION}`);
    return n;
  }
}
