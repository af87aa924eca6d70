// What Azure itself says about registrations and tenants, as the live rules (AZS601–AZS604) read it. The caller
// (the editor, signed in) supplies it; an answer of undefined means "not known" — signed out, not fetched yet, a
// subscription the account cannot see — and a rule then says nothing rather than guess.

export interface LiveRegistrationRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface LiveRegistration {
  billingModel: string | undefined;
}

export interface LiveData {
  registration(ref: LiveRegistrationRef): LiveRegistration | 'absent' | undefined;
  tenant(ref: LiveRegistrationRef, customerSubscriptionId: string): 'present' | 'absent' | undefined;
}
