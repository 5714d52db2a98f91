import { createHash } from 'node:crypto';
import { escapeHtml, page } from './render-form-page';

/** What the submitter is told; `failed` covers cancelled runs too (the reason is not theirs to read). */
export type FormJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** A published artifact's signed public link. */
export interface FormJobLink {
  name: string;
  contentType: string;
  size: number;
  url: string;
  expiresAt: string;
}

/** Everything the status endpoint reveals about a job. */
export interface FormJobView {
  status: FormJobStatus;
  submittedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  links: FormJobLink[];
}

/** How often the page refreshes itself without script, and how often the script polls. */
export const STATUS_REFRESH_SECONDS = 3;

const LABELS: Record<FormJobStatus, string> = {
  queued: 'Queued: your request is waiting to start.',
  running: 'Running: your request is being worked on.',
  completed: 'Completed: your request is done.',
  failed: 'Failed: your request could not be completed. Please try again later.',
};

// Polls the JSON endpoint and rewrites the status, times and links with textContent only (no
// markup from the answer is ever parsed). Static text: the page's CSP allows it by its hash.
const SCRIPT = `(function(){var job=document.getElementById('job');if(!job||!window.fetch)return;
var labels=${JSON.stringify(LABELS)};var url=job.getAttribute('data-status-url');
function text(id,value){var el=document.getElementById(id);if(el)el.textContent=value||'';}
function show(j){text('job-status',labels[j.status]||j.status);job.setAttribute('data-status',j.status);
text('job-started',j.startedAt);text('job-ended',j.endedAt);
var box=document.getElementById('job-results');if(!box||j.status!=='completed')return;
box.hidden=false;var list=document.getElementById('job-links');list.textContent='';
j.links.forEach(function(l){var li=document.createElement('li');var a=document.createElement('a');
a.href=l.url;a.textContent=l.name;li.appendChild(a);li.appendChild(document.createTextNode(' ('+l.contentType.split(';')[0]+', '+l.size+' bytes)'));list.appendChild(li);});
var none=document.getElementById('job-no-links');if(none)none.hidden=j.links.length>0;}
function poll(){fetch(url,{headers:{accept:'application/json'},credentials:'omit'}).then(function(r){return r.ok?r.json():null;})
.then(function(j){if(j){show(j);if(j.status==='completed'||j.status==='failed')return;}setTimeout(poll,${STATUS_REFRESH_SECONDS * 1000});},
function(){setTimeout(poll,${STATUS_REFRESH_SECONDS * 2000});});}
if(job.getAttribute('data-status')!=='completed'&&job.getAttribute('data-status')!=='failed')setTimeout(poll,${STATUS_REFRESH_SECONDS * 1000});})();`;

/** The CSP source that allows exactly the page's inline script. */
export const STATUS_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`;

const isDone = (status: FormJobStatus) => status === 'completed' || status === 'failed';
const time = (id: string, value: string | null) =>
  `<time id="${id}"${value ? ` datetime="${escapeHtml(value)}"` : ''}>${escapeHtml(value ?? '')}</time>`;

/**
 * The submitter's job status page. Without script, `<noscript><meta refresh>` reloads it every few
 * seconds until the job is done (to the GET page, so a reload never re-posts the form); with
 * script, the inline poller updates it in place and the status line is an ARIA live region.
 */
export function renderJobStatusPage(title: string, view: FormJobView, urls: { page: string; status: string }): string {
  const done = isDone(view.status);
  const head = done
    ? ''
    : `<noscript><meta http-equiv="refresh" content="${STATUS_REFRESH_SECONDS}; url=${escapeHtml(urls.page)}"></noscript>`;
  const links = view.links
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.name)}</a> (${escapeHtml(l.contentType.split(';')[0] ?? '')}, ${l.size} bytes)</li>`,
    )
    .join('');
  const completed = view.status === 'completed';
  const body = `<div id="job" data-status="${view.status}" data-status-url="${escapeHtml(urls.status)}">
<p id="job-status" role="status" aria-live="polite">${escapeHtml(LABELS[view.status])}</p>
<dl><dt>Submitted</dt><dd>${time('job-submitted', view.submittedAt)}</dd>
<dt>Started</dt><dd>${time('job-started', view.startedAt)}</dd>
<dt>Finished</dt><dd>${time('job-ended', view.endedAt)}</dd></dl>
<section id="job-results" aria-labelledby="job-results-title"${completed ? '' : ' hidden'}>
<h2 id="job-results-title">Your results</h2>
<ul id="job-links">${links}</ul>
<p id="job-no-links"${view.links.length ? ' hidden' : ''}>There is nothing to download for this request.</p>
</section>
${done ? '' : `<p><a href="${escapeHtml(urls.page)}">Refresh this page</a> to see the latest status.</p>`}
</div>
<script>${SCRIPT}</script>`;
  return page(title, body, head);
}
