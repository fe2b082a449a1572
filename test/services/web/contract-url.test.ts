import { describe, expect, it } from 'vitest';
import { toContractUrl } from '../../../services/web/src/contract-url.js';

describe("toContractUrl (tRPC path → the contract's /api/<service>/<procedure>)", () => {
  it('turns service.procedure into service/procedure', () => {
    expect(toContractUrl('/api/auth.signUp')).toBe('/api/auth/signUp');
    expect(toContractUrl('http://localhost:3000/api/goals.setSubGoal')).toBe(
      'http://localhost:3000/api/goals/setSubGoal',
    );
  });

  it('leaves the query string alone, dots included', () => {
    const input = encodeURIComponent(JSON.stringify({ email: 'a.b@example.com' }));
    expect(toContractUrl(`/api/goals.get?input=${input}`)).toBe(`/api/goals/get?input=${input}`);
    expect(toContractUrl('/api/x.y?input=%7B%22v%22%3A%221.5%22%7D')).toBe(
      '/api/x/y?input=%7B%22v%22%3A%221.5%22%7D',
    );
  });

  it('rewrites only the last segment, once', () => {
    expect(toContractUrl('https://d1.cloudfront.net/api/tasks.update')).toBe(
      'https://d1.cloudfront.net/api/tasks/update',
    );
    expect(toContractUrl('/api/health')).toBe('/api/health');
  });
});
