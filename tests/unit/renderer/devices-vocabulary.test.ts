import { describe, expect, it } from 'vitest';
import deDevices from '../../../shared/locales/de/devices.json' with { type: 'json' };
import deThisComputer from '../../../shared/locales/de/thisComputer.json' with { type: 'json' };
import enDevices from '../../../shared/locales/en/devices.json' with { type: 'json' };
import enThisComputer from '../../../shared/locales/en/thisComputer.json' with { type: 'json' };

/**
 * One word for one action, in every devices and this-computer sentence:
 *
 * | action                                  | English                | German                       |
 * |-----------------------------------------|------------------------|------------------------------|
 * | give this computer a seat (register)    | protect (this computer)| (diesen Computer) schützen   |
 * | free a device's seat                    | deactivate             | deaktivieren                 |
 * | one device's seat to this computer      | move protection        | Schutz übertragen            |
 * | take a deactivated device off the list  | forget                 | vergessen                    |
 * | give a device a new name                | rename                 | umbenennen                   |
 * | invite another device with a link       | add a device           | Gerät hinzufügen             |
 *
 * A deactivated device is protected again by protecting it from that device; there is no
 * "reactivate". The words below are the retired synonyms of those actions.
 */
const retired = {
  en: [/\bregist/i, /\bunregist/i, /\bremov/i, /\btransfer/i, /\breactivat/i, /\bdelet/i, /\bdisconnect/i],
  de: [/registrier/i, /entfern/i, /lösch/i, /reaktivier/i, /abmeld/i, /verschieb/i],
} as const;

const catalogues = {
  en: { ...enDevices, ...enThisComputer },
  de: { ...deDevices, ...deThisComputer },
} as const;

describe('devices and this computer speak one word for one action', () => {
  for (const language of ['en', 'de'] as const) {
    it(`no ${language} sentence uses a retired synonym`, () => {
      const offending = Object.entries(catalogues[language]).flatMap(([key, sentence]) =>
        retired[language].filter((word) => word.test(sentence)).map((word) => `${key}: ${word} in “${sentence}”`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('every button and title of an action uses its word', () => {
    expect(catalogues.en['thisComputer.protectAgain']).toMatch(/^Protect/);
    expect(catalogues.de['thisComputer.protectAgain']).toMatch(/schützen$/);
    expect(catalogues.en['devices.forget.button']).toBe('Forget');
    expect(catalogues.de['devices.forget.button']).toBe('Vergessen');
    expect(catalogues.en['thisComputer.move.confirm']).toBe('Move protection');
    expect(catalogues.de['thisComputer.move.confirm']).toBe('Schutz übertragen');
    expect(catalogues.de['devices.deactivate.button']).toBe('Deaktivieren');
  });
});
