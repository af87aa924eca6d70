// Core text comes in English and Swedish; the caller (extension or CLI) says which one to show.
export type Locale = 'en' | 'sv';

export interface Localized {
  en: string;
  sv: string;
}

/** Maps a BCP 47 tag such as `sv-SE` or `en-US` to a supported locale; English otherwise. */
export function toLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

/** The text in `locale`, with `{name}` placeholders filled from `values`. */
export function pick(text: Localized, locale: Locale, values: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A phrase whose form follows a count: `one` for the singular, `other` for the rest, `{n}` for the count. */
export interface PluralForms {
  one: string;
  other: string;
}

/** The form of `forms` that `count` takes in `locale` (its plural rules), with `{n}` filled in. */
export function plural(forms: PluralForms, count: number, locale: Locale): string {
  return (new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other).replace('{n}', String(count));
}
