import { ConfigError, loadConfig } from '../../src/config';

const problemOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('; ');
  }
  throw new Error('expected a ConfigError');
};

describe('bounce settings', () => {
  it('defaults: no VERP, reports up to 10 MB', () => {
    expect(loadConfig({}).bounces).toEqual({ hardLimit: 1, address: undefined, maxReportBytes: 10 * 1024 * 1024 });
  });

  it('reads BOUNCE_ADDRESS and BOUNCE_REPORT_MAX_BYTES', () => {
    expect(loadConfig({ BOUNCE_ADDRESS: ' bounces@helpdesk.example ', BOUNCE_REPORT_MAX_BYTES: '2048' }).bounces).toEqual({
      hardLimit: 1,
      address: 'bounces@helpdesk.example',
      maxReportBytes: 2048,
    });
    const longest = `${'b'.repeat(28)}@helpdesk.example`;
    expect(loadConfig({ BOUNCE_ADDRESS: longest }).bounces.address).toBe(longest);
  });

  it.each([
    ['a plus in the local part, where the tag goes', 'bounces+x@helpdesk.example'],
    ['a local part with no room for the tag', `${'b'.repeat(29)}@helpdesk.example`],
    ['a display name', 'Bounces <bounces@helpdesk.example>'],
    ['no domain', 'bounces'],
    ['no dot in the domain', 'bounces@localhost'],
  ])('refuses BOUNCE_ADDRESS with %s, naming it', (_what, value) => {
    expect(problemOf({ BOUNCE_ADDRESS: value })).toBe(
      `BOUNCE_ADDRESS=${JSON.stringify(value)} is not a bare email address with a local part of at most 28 characters and no +; expected e.g. bounces@helpdesk.example`,
    );
  });
});
