import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES } from '@baton/persistence';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-hasher';

// Column sizes from the foundation migration: users.email varchar(320), names varchar(200).
const EMAIL_MAX_LENGTH = 320;
const NAME_MAX_LENGTH = 200;

const trimmed = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An email address, trimmed and lower-cased (emails are unique case-insensitively). */
export const EmailField = () =>
  applyDecorators(
    ApiProperty({ example: 'ada@example.com', maxLength: EMAIL_MAX_LENGTH }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    MaxLength(EMAIL_MAX_LENGTH),
    IsEmail(),
  );

/** A new password: bounded on both sides (the upper bound keeps scrypt's input small). */
export const NewPasswordField = () =>
  applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' }),
    IsString(),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH),
  );

/**
 * A password offered at login. Only the upper bound is enforced: a too-short password is simply
 * wrong (401), and the rule for new passwords may change after older ones were set.
 */
export const OfferedPasswordField = () =>
  applyDecorators(
    ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, format: 'password' }),
    IsString(),
    Length(1, PASSWORD_MAX_LENGTH),
  );

/** A human-readable name (of a person, workspace or API key), trimmed, 1-200 characters. */
export const DisplayNameField = (example: string) =>
  applyDecorators(
    ApiProperty({ example, minLength: 1, maxLength: NAME_MAX_LENGTH }),
    trimmed,
    IsString(),
    Length(1, NAME_MAX_LENGTH),
  );

/** A workspace role. */
export const RoleField = () =>
  applyDecorators(ApiProperty({ enum: [...WORKSPACE_ROLES], example: 'editor' }), IsIn(WORKSPACE_ROLES));
