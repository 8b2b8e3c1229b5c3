/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { GITHUB_TOKEN, integration, partner } from '../__testUtils__/entities';
import { PartnerIntakeLocations } from './intake';
import { PartnerEntitiesProcessor } from './PartnerEntitiesProcessor';

const CWD = '/srv/portal/packages/backend';
const ALLOWED = {
  type: 'file',
  target: '/srv/portal/examples/partners/acme.yaml',
};
const OUTSIDE = { type: 'file', target: '/srv/portal/examples-old/acme.yaml' };

function configured(intake?: unknown) {
  const logger = mockServices.logger.mock();
  const config = mockServices.rootConfig({
    data: intake === undefined ? {} : { partners: { intake } },
  });
  const locations = PartnerIntakeLocations.fromConfig(config, {
    logger,
    cwd: CWD,
  });
  return { logger, config, locations };
}

async function rejection(
  locations: PartnerIntakeLocations,
  entity = partner(),
  location: { type: string; target: string } = OUTSIDE,
): Promise<Error | undefined> {
  return locations.check(entity, location).then(
    () => undefined,
    error => error,
  );
}

describe('PartnerIntakeLocations', () => {
  it('allows every location when the list is unset, and warns once', async () => {
    const { logger, locations } = configured();
    expect(locations.allows(OUTSIDE)).toBe(true);
    expect(locations.allows({ type: 'url', target: 'https://x.test/a' })).toBe(
      true,
    );
    await expect(rejection(locations)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'partners.intake.allowedLocations is not set: Partner and PartnerIntegration entities are accepted from every location',
    );
  });

  it('allows no location when the list is empty', async () => {
    const { logger, locations } = configured({ allowedLocations: [] });
    expect(locations.allows(ALLOWED)).toBe(false);
    const error = await rejection(locations, partner(), ALLOWED);
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe(
      'partner:default/acme comes from file:/srv/portal/examples/partners/acme.yaml, no location is allowed for partner entities (partners.intake.allowedLocations is empty)',
    );
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'partners.intake.allowedLocations is empty: no Partner or PartnerIntegration entity is accepted',
    );
  });

  it('rejects partner kinds from other locations, naming the entity and the location', async () => {
    const { logger, locations } = configured({
      allowedLocations: [
        '../../examples/',
        'https://github.com/acme/partners/',
      ],
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Partner and PartnerIntegration entities are accepted from file:/srv/portal/examples, url:https://github.com/acme/partners/',
    );
    await expect(
      rejection(locations, partner(), ALLOWED),
    ).resolves.toBeUndefined();
    await expect(
      rejection(locations, integration(), {
        type: 'url',
        target: 'https://github.com/acme/partners/blob/main/acme.yaml',
      }),
    ).resolves.toBeUndefined();

    const error = await rejection(locations, integration());
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe(
      'partnerintegration:default/acme-orders comes from file:/srv/portal/examples-old/acme.yaml, a location that partners.intake.allowedLocations does not allow',
    );
  });

  it('checks the kinds in any case and under any apiVersion, and no other kind', async () => {
    const { locations } = configured({ allowedLocations: ['/nowhere'] });
    for (const kind of ['Partner', 'partner', 'PARTNERINTEGRATION']) {
      const entity = { ...partner(), kind, apiVersion: 'example.com/v1' };
      await expect(rejection(locations, entity)).resolves.toBeInstanceOf(
        InputError,
      );
    }
    for (const kind of ['Component', 'Location', 'Partners', 'Group']) {
      await expect(
        rejection(locations, { ...partner(), kind }),
      ).resolves.toBeUndefined();
    }
  });

  it('never puts credentials or secret values of a location in its error', async () => {
    const { locations } = configured({ allowedLocations: ['/nowhere'] });
    const withCredentials = await rejection(locations, partner(), {
      type: 'url',
      target: 'https://robot:hunter2-secret@evil.example/acme.yaml',
    });
    expect(withCredentials?.message).toBe(
      'partner:default/acme comes from url:https://evil.example/acme.yaml (its credentials left out), a location that partners.intake.allowedLocations does not allow',
    );
    const withToken = await rejection(locations, partner(), {
      type: 'url',
      target: `https://evil.example/acme.yaml?token=${GITHUB_TOKEN}`,
    });
    expect(withToken?.message).toBe(
      'partner:default/acme comes from url:<redacted> (a location holding a secret value), a location that partners.intake.allowedLocations does not allow',
    );
    const long = await rejection(locations, partner(), {
      type: 'file',
      target: `/evil/${'x'.repeat(10_000)}`,
    });
    expect(long?.message.length).toBeLessThan(700);
  });

  it('refuses a list that does not read, naming the key', () => {
    expect(() => configured({ allowedLocations: 'examples/' })).toThrow(
      "Invalid type in config for key 'partners.intake.allowedLocations'",
    );
    expect(() => configured({ allowedLocations: ['examples/', ''] })).toThrow(
      'partners.intake.allowedLocations[1]',
    );
    expect(() =>
      configured({ allowedLocations: ['examples/', 'ftp://x.example/'] }),
    ).toThrow('partners.intake.allowedLocations[1] is a ftp: URL');
    expect(() =>
      configured({ allowedLocations: Array(1001).fill('examples/') }),
    ).toThrow(
      'partners.intake.allowedLocations lists 1001 locations, more than 1000',
    );
    expect(() =>
      configured({ allowedLocations: Array(1000).fill('examples/') }),
    ).not.toThrow();
  });

  it('follows a configuration that changes, and allows nothing while it does not read', async () => {
    const { logger, config, locations } = configured({
      allowedLocations: ['/srv/portal/examples'],
    });
    expect(locations.allows(ALLOWED)).toBe(true);

    config.update({
      data: { partners: { intake: { allowedLocations: ['/srv/other'] } } },
    });
    expect(locations.allows(ALLOWED)).toBe(false);
    expect(logger.info).toHaveBeenLastCalledWith(
      'Partner and PartnerIntegration entities are accepted from file:/srv/other',
    );

    config.update({
      data: { partners: { intake: { allowedLocations: ['ftp://x/'] } } },
    });
    expect(locations.allows({ type: 'file', target: '/srv/other/a' })).toBe(
      false,
    );
    expect(logger.error).toHaveBeenCalledWith(
      'TypeError: partners.intake.allowedLocations[0] is a ftp: URL; list http(s) URLs or file paths; no location is allowed for Partner and PartnerIntegration entities until partners.intake.allowedLocations is fixed',
    );

    config.update({ data: {} });
    expect(locations.allows(OUTSIDE)).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);

    locations.close();
    config.update({ data: { partners: { intake: { allowedLocations: [] } } } });
    expect(locations.allows(OUTSIDE)).toBe(true);
  });
});

describe('PartnerEntitiesProcessor with an intake', () => {
  it('rejects a partner entity from another location before anything else', async () => {
    const processor = new PartnerEntitiesProcessor({
      intake: PartnerIntakeLocations.of(['../../examples'], { cwd: CWD }),
    });
    await expect(
      processor.preProcessEntity(partner(), OUTSIDE),
    ).rejects.toThrow(
      'partner:default/acme comes from file:/srv/portal/examples-old/acme.yaml',
    );
    await expect(
      processor.preProcessEntity(partner(), ALLOWED),
    ).resolves.toEqual(partner());
    const component = { ...partner(), kind: 'Component' };
    await expect(
      processor.preProcessEntity(component, OUTSIDE),
    ).resolves.toEqual(component);
  });

  it('allows every location without one', async () => {
    await expect(
      new PartnerEntitiesProcessor().preProcessEntity(partner(), OUTSIDE),
    ).resolves.toEqual(partner());
  });
});
