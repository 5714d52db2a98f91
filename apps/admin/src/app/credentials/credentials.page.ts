import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { CreateCredentialDto, CredentialDto, UpdateCredentialDto } from '../api/generated/models';
import { AccountStore } from '../core/shell/account.store';
import { AlertComponent } from '../shared/ui/alert.component';
import { BadgeComponent } from '../shared/ui/badge.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { RelativeTimePipe } from '../shared/ui/relative-time.pipe';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { CredentialFormComponent } from './credential-form.component';
import { CredentialsStore } from './credentials.store';

/** The workspace's credentials: names and kinds for everyone; create, edit and delete for editors. */
@Component({
  selector: 'baton-credentials-page',
  imports: [
    AlertComponent,
    BadgeComponent,
    EmptyStateComponent,
    RelativeTimePipe,
    SpinnerComponent,
    CredentialFormComponent,
  ],
  templateUrl: './credentials.page.html',
  styleUrl: './credentials.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CredentialsPage {
  protected readonly store = inject(CredentialsStore);
  private readonly account = inject(AccountStore);
  protected readonly canEdit = computed(() => {
    const role = this.account.role();
    return role === 'editor' || role === 'owner';
  });

  constructor() {
    void this.store.load();
  }

  protected kindTitle(credential: CredentialDto): string {
    return this.store.typeByKind().get(credential.kind)?.title ?? credential.kind;
  }

  protected secretStates(credential: CredentialDto): { field: string; set: boolean }[] {
    return Object.entries(credential.secretsSet ?? {}).map(([field, set]) => ({ field, set }));
  }

  protected create(body: CreateCredentialDto): void {
    void this.store.create(body);
  }

  protected update(id: string, body: UpdateCredentialDto): void {
    void this.store.update(id, body);
  }
}
