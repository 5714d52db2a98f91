import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { SessionStore } from './session.store';

/** Paths that must not carry a token: sign-in and set-up run before there is one. */
const PUBLIC_PATHS = ['/api/auth/status', '/api/auth/login', '/api/auth/setup'];

/**
 * Adds the session's bearer token to every generated-client call, and ends the session on a
 * 401 to an authenticated call; the shell then sends the user to sign-in.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const token = PUBLIC_PATHS.some((path) => request.url.endsWith(path)) ? null : session.token();
  const authorised = token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
  return next(authorised).pipe(
    catchError((error: unknown) => {
      // Only end the session the failing request belonged to: a late 401 from an old token must
      // not sign out a user who has signed in again since.
      if (error instanceof HttpErrorResponse && error.status === 401 && token && session.token() === token) {
        session.end('expired');
      }
      return throwError(() => error);
    }),
  );
};
