// The eight error codes Azure documents for adding a tenant (customer subscription) to an Azure Stack Hub
// registration: what causes each and what to do, in our own words, in English and Swedish.
import type { Localized } from './l10n';

export const errorCodes = [
  'RegistrationNotFound',
  'BadCustomerSubscriptionId',
  'InvalidCustomerSubscriptionId',
  'CustomerSubscriptionNotFound',
  'UnauthorizedCspRegistration',
  'CustomerSubscriptionsNotAllowed',
  'InvalidCSPSubscription',
  'MetadataResolverBadGatewayError',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** The HTTP status the service answers with (documented or, where the docs are silent, the ARM convention). */
  status: number;
  cause: Localized;
  remedy: Localized;
  /** True when only Azure can tell (ownership, approval): no file can show the mistake beforehand. */
  liveOnly: boolean;
  /** True when retrying later may succeed. */
  transient: boolean;
}

/** Microsoft's page that lists these codes for CSP tenant operations. */
export const errorDocsUrl = 'https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-ref-operations';

export const errorCatalog: Record<ErrorCode, ErrorInfo> = {
  RegistrationNotFound: {
    code: 'RegistrationNotFound',
    status: 404,
    cause: {
      en: 'The subscription ID, resource group or registration name in the request does not point at an existing registration.',
      sv: 'Prenumerations-ID, resursgrupp eller registreringsnamn i anropet pekar inte på någon befintlig registrering.',
    },
    remedy: {
      en: 'List the Microsoft.AzureStack/registrations resources in the registering subscription and copy the exact ID. With several registrations, pick the one whose CloudDeploymentID (cloudId) matches the stamp.',
      sv: 'Lista resurserna av typen Microsoft.AzureStack/registrations i den registrerande prenumerationen och kopiera exakt ID. Finns flera registreringar, välj den vars CloudDeploymentID (cloudId) stämmer med stämpeln.',
    },
    liveOnly: false,
    transient: false,
  },
  BadCustomerSubscriptionId: {
    code: 'BadCustomerSubscriptionId',
    status: 400,
    cause: {
      en: 'The customer subscription belongs to a different CSP partner than the subscription that owns the registration.',
      sv: 'Kundprenumerationen tillhör en annan CSP-partner än den prenumeration som äger registreringen.',
    },
    remedy: {
      en: 'Check that the customer subscription ID is one of your own CSP customers. If it is, contact Microsoft support.',
      sv: 'Kontrollera att kundprenumerationens ID tillhör en av era egna CSP-kunder. Gör det det, kontakta Microsofts support.',
    },
    liveOnly: true,
    transient: false,
  },
  InvalidCustomerSubscriptionId: {
    code: 'InvalidCustomerSubscriptionId',
    status: 400,
    cause: {
      en: 'The customer subscription ID is not a valid Azure subscription ID.',
      sv: 'Kundprenumerationens ID är inte ett giltigt ID för en Azure-prenumeration.',
    },
    remedy: {
      en: "Use the customer's Azure subscription ID: a GUID such as 6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13, without braces.",
      sv: 'Använd kundens ID för Azure-prenumerationen: ett GUID som 6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13, utan klamrar.',
    },
    liveOnly: false,
    transient: false,
  },
  CustomerSubscriptionNotFound: {
    code: 'CustomerSubscriptionNotFound',
    status: 404,
    cause: {
      en: 'The customer subscription has not been added to this registration, or its ID is mistyped.',
      sv: 'Kundprenumerationen har inte lagts till i den här registreringen, eller så är dess ID felskrivet.',
    },
    remedy: {
      en: 'Add the tenant to the registration first (PUT), or correct the customer subscription ID.',
      sv: 'Lägg först till klienten i registreringen (PUT), eller rätta kundprenumerationens ID.',
    },
    liveOnly: true,
    transient: false,
  },
  UnauthorizedCspRegistration: {
    code: 'UnauthorizedCspRegistration',
    status: 403,
    cause: {
      en: 'The registration has not been approved by Microsoft for multi-tenancy.',
      sv: 'Registreringen har inte godkänts av Microsoft för flera klienter (multi-tenancy).',
    },
    remedy: {
      en: 'Ask Microsoft to approve the registration for multi-tenancy, giving its name, resource group and subscription ID.',
      sv: 'Be Microsoft godkänna registreringen för flera klienter och ange dess namn, resursgrupp och prenumerations-ID.',
    },
    liveOnly: true,
    transient: false,
  },
  CustomerSubscriptionsNotAllowed: {
    code: 'CustomerSubscriptionsNotAllowed',
    status: 400,
    cause: {
      en: 'The registration does not use the PayAsYouUse billing model; Capacity, Development, Custom and Ruggedized registrations accept no customer subscriptions.',
      sv: 'Registreringen använder inte debiteringsmodellen PayAsYouUse; registreringar med Capacity, Development, Custom eller Ruggedized tar inte emot kundprenumerationer.',
    },
    remedy: {
      en: 'Register the stamp again with -BillingModel PayAsYouUse (Set-AzsRegistration), then add the tenants.',
      sv: 'Registrera stämpeln på nytt med -BillingModel PayAsYouUse (Set-AzsRegistration) och lägg sedan till klienterna.',
    },
    liveOnly: false,
    transient: false,
  },
  InvalidCSPSubscription: {
    code: 'InvalidCSPSubscription',
    status: 400,
    cause: {
      en: 'The customer subscription is not a valid CSP subscription; usually the ID has a typo.',
      sv: 'Kundprenumerationen är ingen giltig CSP-prenumeration; oftast är ID:t felskrivet.',
    },
    remedy: {
      en: 'Check the customer subscription ID against Partner Center.',
      sv: 'Jämför kundprenumerationens ID med det som står i Partner Center.',
    },
    liveOnly: true,
    transient: false,
  },
  MetadataResolverBadGatewayError: {
    code: 'MetadataResolverBadGatewayError',
    status: 502,
    cause: {
      en: 'A server behind Azure Resource Manager answered with an unexpected error.',
      sv: 'En server bakom Azure Resource Manager svarade med ett oväntat fel.',
    },
    remedy: {
      en: 'Try again in a few minutes. If it keeps failing, contact Microsoft support.',
      sv: 'Försök igen om några minuter. Fortsätter felet, kontakta Microsofts support.',
    },
    liveOnly: false,
    transient: true,
  },
};

export function isErrorCode(value: string): value is ErrorCode {
  return (errorCodes as readonly string[]).includes(value);
}

/** Finds one of the eight codes in free text (an error message, a log line), case-sensitively as Azure writes them. */
export function findErrorCodes(text: string): { code: ErrorCode; index: number }[] {
  const found: { code: ErrorCode; index: number }[] = [];
  const pattern = new RegExp(`\\b(${errorCodes.join('|')})\\b`, 'g');
  for (const match of text.matchAll(pattern)) found.push({ code: match[1] as ErrorCode, index: match.index });
  return found;
}
