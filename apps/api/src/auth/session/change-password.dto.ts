import { NewPasswordField, OfferedPasswordField } from '../decorators/identity-fields.decorator';

/** Changing one's own password: the current one proves it is the account holder. */
export class ChangePasswordDto {
  @OfferedPasswordField()
  currentPassword: string;

  @NewPasswordField()
  newPassword: string;
}
