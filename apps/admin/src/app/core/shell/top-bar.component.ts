import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { WorkspaceRole } from '../api-types';

@Component({
  selector: 'baton-top-bar',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <header class="bar">
      <a class="brand" routerLink="/workflows" aria-label="Baton home">
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M9 23 23 9" stroke="#fff" stroke-width="3.5" stroke-linecap="round" />
          <circle cx="23" cy="9" r="3" fill="#c7d2fe" />
        </svg>
        <span class="wordmark">Baton</span>
      </a>
      <span class="divider" aria-hidden="true"></span>
      <span class="workspace"> <span class="visually-hidden">Workspace: </span>{{ workspaceName() ?? '…' }} </span>

      <nav class="nav" aria-label="Main">
        <a routerLink="/workflows" routerLinkActive="active" ariaCurrentWhenActive="page">Workflows</a>
        <a routerLink="/monitoring" routerLinkActive="active" ariaCurrentWhenActive="page">Monitoring</a>
        <a routerLink="/failed" routerLinkActive="active" ariaCurrentWhenActive="page">Failed</a>
        <a routerLink="/credentials" routerLinkActive="active" ariaCurrentWhenActive="page">Credentials</a>
        <a routerLink="/usage" routerLinkActive="active" ariaCurrentWhenActive="page">Usage</a>
      </nav>

      <div class="user">
        @if (userName(); as name) {
          <span class="avatar" aria-hidden="true">{{ initials() }}</span>
          <span class="user-text">
            <span class="user-name">{{ name }}</span>
            @if (role(); as role) {
              <span class="user-role">{{ role }}</span>
            }
          </span>
        }
        <button type="button" class="btn btn-ghost btn-sm" (click)="signOut.emit()">Sign out</button>
      </div>
    </header>
  `,
  styles: `
    .bar {
      display: flex;
      align-items: center;
      gap: var(--space-3);
      min-height: 56px;
      padding: var(--space-2) var(--space-6);
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
      color: var(--accent);
      font-weight: 700;
      text-decoration: none;
      border-radius: var(--radius-sm);
    }
    .logo {
      width: 28px;
      height: 28px;
    }
    .wordmark {
      color: var(--text);
      font-size: 1.05rem;
      letter-spacing: -0.01em;
    }
    .divider {
      width: 1px;
      height: 20px;
      background: var(--border-strong);
    }
    .workspace {
      min-width: 0;
      max-width: 22ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: 600;
    }
    .nav {
      display: flex;
      gap: var(--space-1);
      margin-left: var(--space-4);
    }
    .nav a {
      padding: var(--space-1) var(--space-3);
      border-radius: var(--radius-sm);
      color: var(--text-muted);
      font-weight: 500;
      text-decoration: none;
    }
    .nav a:hover {
      color: var(--text);
      background: var(--surface-muted);
    }
    .nav a.active {
      color: var(--accent-text);
      background: var(--accent-soft);
    }
    .user {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      margin-left: auto;
      min-width: 0;
    }
    .avatar {
      display: grid;
      place-items: center;
      flex: none;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      background: var(--accent-soft);
      color: var(--accent-text);
      font-size: var(--text-sm);
      font-weight: 600;
    }
    .user-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      line-height: 1.2;
    }
    .user-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: var(--text-sm);
      font-weight: 500;
    }
    .user-role {
      color: var(--text-muted);
      font-size: var(--text-xs);
      text-transform: capitalize;
    }
    @media (max-width: 720px) {
      .bar {
        flex-wrap: wrap;
        padding: var(--space-2) var(--space-4);
      }
      .user-text {
        display: none;
      }
      .nav {
        order: 3;
        width: 100%;
        margin-left: 0;
      }
    }
    @media (max-width: 420px) {
      .wordmark,
      .divider {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBarComponent {
  readonly workspaceName = input<string | null>(null);
  readonly userName = input<string | null>(null);
  readonly role = input<WorkspaceRole | null>(null);
  readonly signOut = output<void>();

  protected readonly initials = computed(() =>
    (this.userName() ?? '')
      .split(/[\s@.]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join(''),
  );
}
