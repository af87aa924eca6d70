// The parts of src/azure that load the Azure SDK (@azure/identity, @azure/arm-resources, …). The extension loads
// this module on first sign-in, as its own bundle (dist/azure-sdk.js), so activation does not pay for the SDK.
export { checkSignIn, createCredentialFactory } from './credentials';
export { RegistrationsClient } from './registrations';
export { discoverStamp, parseAdminEndpoint, signInTenant, StampClient, stampEndpoints } from './stamps';
export { fetchAllUsage } from './usage';
export { findStampRegistration } from './stampBilling';
