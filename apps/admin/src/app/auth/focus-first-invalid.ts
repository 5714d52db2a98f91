/** Moves focus to the first invalid control in a form so keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLElement): void {
  form.querySelector<HTMLElement>('[aria-invalid="true"], .ng-invalid:not(form)')?.focus();
}
