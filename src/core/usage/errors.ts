// The errors the usage API documents, explained in our own words. The stamp answers with these codes in the ARM
// error body; the explanation says what to change in the request.
import type { Localized } from '../l10n';

export const usageErrorCodes = [
  'NoApiVersion', 'InvalidProperty', 'RequestEndTimeIsInFuture', 'SubscriberIdIsNotDirectTenant',
  'SubscriptionIdMissingInRequest', 'InvalidAggregationGranularity', 'ServiceUnavailable',
] as const;

export type UsageErrorCode = (typeof usageErrorCodes)[number];

export const usageErrorCatalog: Record<UsageErrorCode, { status: number; cause: Localized; remedy: Localized }> = {
  NoApiVersion: {
    status: 400,
    cause: { en: 'The request carried no api-version.', sv: 'Anropet saknade api-version.' },
    remedy: { en: 'Use api-version 2015-06-01-preview for usage aggregates.', sv: 'Använd api-version 2015-06-01-preview för användningsdata.' },
  },
  InvalidProperty: {
    status: 400,
    cause: { en: 'A query parameter is missing or not in the expected form (often a time not on an hour or day boundary).', sv: 'En frågeparameter saknas eller har fel form (ofta en tid som inte ligger på en hel timme eller dag).' },
    remedy: { en: 'Give start and end as UTC times on whole hours (hourly) or midnight (daily).', sv: 'Ange början och slut som UTC-tider på hela timmar (per timme) eller midnatt (per dag).' },
  },
  RequestEndTimeIsInFuture: {
    status: 400,
    cause: { en: 'The end of the period lies in the future, or in a period the stamp has not finished processing.', sv: 'Periodens slut ligger i framtiden, eller i en period som stämpeln inte har bearbetat färdigt.' },
    remedy: { en: 'Choose an end at or before the start of the current hour (hourly) or today (daily).', sv: 'Välj ett slut som ligger vid eller före början av den pågående timmen (per timme) eller dagen (per dag).' },
  },
  SubscriberIdIsNotDirectTenant: {
    status: 400,
    cause: { en: 'The subscription asked for is not a direct tenant of this provider (it belongs to a delegated provider).', sv: 'Den efterfrågade prenumerationen är inte en direkt klient hos den här leverantören (den tillhör en delegerad leverantör).' },
    remedy: { en: 'Ask for usage of your own tenant subscriptions, or query as the delegated provider.', sv: 'Fråga efter användning för era egna klientprenumerationer, eller fråga som den delegerade leverantören.' },
  },
  SubscriptionIdMissingInRequest: {
    status: 400,
    cause: { en: "The request named no provider subscription.", sv: 'Anropet angav ingen leverantörsprenumeration.' },
    remedy: { en: "Use the stamp's Default Provider Subscription in the request path.", sv: 'Använd stämpelns standardleverantörsprenumeration (Default Provider Subscription) i anropets sökväg.' },
  },
  InvalidAggregationGranularity: {
    status: 400,
    cause: { en: 'The granularity is neither daily nor hourly.', sv: 'Upplösningen är varken per dag eller per timme.' },
    remedy: { en: 'Choose daily or hourly.', sv: 'Välj per dag eller per timme.' },
  },
  ServiceUnavailable: {
    status: 503,
    cause: { en: "The stamp's usage service is busy or unavailable.", sv: 'Stämpelns användningstjänst är upptagen eller otillgänglig.' },
    remedy: { en: 'Try again in a few minutes.', sv: 'Försök igen om några minuter.' },
  },
};

export function isUsageErrorCode(code: string): code is UsageErrorCode {
  return (usageErrorCodes as readonly string[]).includes(code);
}
