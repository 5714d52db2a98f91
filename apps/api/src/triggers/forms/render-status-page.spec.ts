import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { type FormJobView, renderJobStatusPage, STATUS_SCRIPT_HASH } from './render-status-page';

const urls = { page: '/api/forms/f/jobs/j/page', status: '/api/forms/f/jobs/j' };
const view = (status: FormJobView['status'], links: FormJobView['links'] = []): FormJobView => ({
  status,
  submittedAt: '2026-01-01T00:00:00.000Z',
  startedAt: status === 'queued' ? null : '2026-01-01T00:00:01.000Z',
  endedAt: status === 'completed' || status === 'failed' ? '2026-01-01T00:00:02.000Z' : null,
  links,
});

describe('renderJobStatusPage', () => {
  it('refreshes itself without script only while the job is open, and its script is the one the CSP hash admits', () => {
    const open = renderJobStatusPage('T', view('running'), urls);
    expect(open).toContain(
      '<noscript><meta http-equiv="refresh" content="3; url=/api/forms/f/jobs/j/page"></noscript>',
    );
    expect(open).toContain('<p id="job-status" role="status" aria-live="polite">Running:');
    expect(open).toContain('<section id="job-results" aria-labelledby="job-results-title" hidden>');
    const script = /<script>([\s\S]*)<\/script>/.exec(open)![1]!;
    expect(`'sha256-${createHash('sha256').update(script).digest('base64')}'`).toBe(STATUS_SCRIPT_HASH);
    for (const done of ['completed', 'failed'] as const)
      expect(renderJobStatusPage('T', view(done), urls)).not.toContain('http-equiv');
  });

  it('escapes the title and every link, and says when there is nothing to download', () => {
    const page = renderJobStatusPage(
      '<Report>',
      view('completed', [
        { name: '<b>r".html', contentType: 'text/html; charset=utf-8', size: 12, url: '/x?a=1&b="2"', expiresAt: '' },
      ]),
      urls,
    );
    expect(page).toContain('<title>&lt;Report&gt;</title>');
    expect(page).toContain(
      '<li><a href="/x?a=1&amp;b=&quot;2&quot;">&lt;b&gt;r&quot;.html</a> (text/html, 12 bytes)</li>',
    );
    expect(page).toContain('<p id="job-no-links" hidden>');
    expect(renderJobStatusPage('T', view('completed'), urls)).toContain(
      '<p id="job-no-links">There is nothing to download for this request.</p>',
    );
    expect(renderJobStatusPage('T', view('failed'), urls)).toContain('Failed: your request could not be completed.');
  });
});
