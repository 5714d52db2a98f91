import type { FormField } from '../trigger-config';

/** Escapes text for HTML element content and quoted attribute values. Every user-supplied string goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export interface FormPage {
  title: string;
  action: string;
  fields: FormField[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;font-weight:600;margin-top:1rem}input,select,textarea{display:block;width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
input[type=checkbox]{display:inline;width:auto}.help{color:#444;margin:.25rem 0}.error{color:#b00020;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border:2px solid #b00020}button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit}
.summary{border:3px solid #b00020;padding:1rem}:focus{outline:3px solid #1a5fb4;outline-offset:2px}`;

/** The shared page frame; `head` is trusted markup (the status page's refresh and script). */
export function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${head}</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

/**
 * An accessible form: every control has a <label for>, required fields say so in text and with
 * `required`/`aria-required`, and help and error messages are tied to the control with
 * `aria-describedby` (and `aria-invalid`). An error summary with links to the fields comes first.
 */
export function renderFormPage(form: FormPage): string {
  const errors = form.errors ?? {};
  const failed = form.fields.filter((f) => errors[f.name]);
  const summary = failed.length
    ? `<div class="summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">There ${failed.length === 1 ? 'is a problem' : `are ${failed.length} problems`} with your answers</h2>
<ul>${failed.map((f) => `<li><a href="#field-${escapeHtml(f.name)}">${escapeHtml(errors[f.name])}</a></li>`).join('')}</ul>
</div>\n`
    : '';
  const controls = form.fields.map((f) => renderField(f, form.values?.[f.name] ?? '', errors[f.name])).join('\n');
  return page(
    form.title,
    `${summary}<form method="post" action="${escapeHtml(form.action)}" novalidate>
${controls}
<button type="submit">Submit</button>
</form>`,
  );
}

function renderField(field: FormField, value: string, error: string | undefined): string {
  const id = `field-${field.name}`;
  const describedBy = [field.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const attributes = [
    `id="${escapeHtml(id)}"`,
    `name="${escapeHtml(field.name)}"`,
    field.required ? 'required aria-required="true"' : '',
    error ? 'aria-invalid="true"' : '',
    describedBy ? `aria-describedby="${escapeHtml(describedBy)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const requiredMark = field.required ? ' <span>(required)</span>' : '';
  const help = field.help ? `<p class="help" id="${escapeHtml(id)}-help">${escapeHtml(field.help)}</p>` : '';
  const message = error ? `<p class="error" id="${escapeHtml(id)}-error">${escapeHtml(error)}</p>` : '';
  const control = renderControl(field, value, attributes);
  if (field.type === 'checkbox') {
    return `<div class="field">${control} <label for="${escapeHtml(id)}" style="display:inline">${escapeHtml(field.label)}${requiredMark}</label>${help}${message}</div>`;
  }
  return `<div class="field"><label for="${escapeHtml(id)}">${escapeHtml(field.label)}${requiredMark}</label>${help}${message}${control}</div>`;
}

function renderControl(field: FormField, value: string, attributes: string): string {
  switch (field.type) {
    case 'textarea':
      return `<textarea ${attributes} rows="5">${escapeHtml(value)}</textarea>`;
    case 'select': {
      const options = (field.options ?? []).map(
        (o) => `<option value="${escapeHtml(o)}"${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`,
      );
      return `<select ${attributes}><option value="">Choose…</option>${options.join('')}</select>`;
    }
    case 'checkbox':
      return `<input type="checkbox" value="true" ${attributes}${value && value !== 'false' ? ' checked' : ''}>`;
    default: {
      const limits = [
        field.maxLength !== undefined ? `maxlength="${field.maxLength}"` : '',
        field.min !== undefined ? `min="${field.min}"` : '',
        field.max !== undefined ? `max="${field.max}"` : '',
      ].filter(Boolean);
      return `<input type="${field.type}" ${attributes} ${limits.join(' ')} value="${escapeHtml(value)}">`.replace(
        / +>/,
        '>',
      );
    }
  }
}

/** The page after a valid submission: the configured message, escaped (it is plain text). */
export function renderThankYouPage(title: string, message: string): string {
  return page(title, `<p role="status">${escapeHtml(message)}</p>`);
}

/** A page for a form that cannot be used (unknown link, disabled trigger, inactive workflow). */
export function renderUnavailablePage(message: string): string {
  return page('Form unavailable', `<p>${escapeHtml(message)}</p>`);
}
