import { DisplayNameField, EmailField, NewPasswordField } from '../decorators/identity-fields.decorator';

/** First-run setup: the first user becomes owner of a new workspace. */
export class SetupDto {
  @EmailField()
  email: string;

  @NewPasswordField()
  password: string;

  @DisplayNameField('Ada Lovelace')
  name: string;

  @DisplayNameField('Analytical Engines')
  workspaceName: string;
}
