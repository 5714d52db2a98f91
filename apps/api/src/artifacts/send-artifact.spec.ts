import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from './send-artifact';

describe('contentDisposition', () => {
  it('keeps an ASCII name as it is in both parameters', () => {
    expect(contentDisposition('inline', 'report.html')).toBe(
      `inline; filename="report.html"; filename*=UTF-8''report.html`,
    );
  });

  it('gives old clients an ASCII stand-in and new ones the real name, percent-encoded', () => {
    expect(contentDisposition('attachment', "Rapport d'été (1).pdf")).toBe(
      `attachment; filename="Rapport d'_t_ (1).pdf"; filename*=UTF-8''Rapport%20d%27%C3%A9t%C3%A9%20%281%29.pdf`,
    );
    expect(contentDisposition('attachment', '50% off.txt')).toBe(
      `attachment; filename="50_ off.txt"; filename*=UTF-8''50%25%20off.txt`,
    );
  });
});
