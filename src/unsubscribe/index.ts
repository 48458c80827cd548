export { signUnsubscribeToken, verifyUnsubscribeToken, type UnsubscribeClaim, type VerifiedClaim, type TokenProblem, type VerifyResult } from './token';
export { unsubscribeLinksFor, unsubscribeUrl, scopeForEmail, type UnsubscribeLinks, type UnsubscribeSettings } from './links';
export { applyUnsubscribe, type UnsubscribeOutcome } from './apply-unsubscribe';
export { findRecipient, type UnsubscribeRecipient } from './find-recipient';
export { unsubscribeSettings } from './settings';
export { createUnsubscribeServer, closeServer, type UnsubscribeServerOptions } from './server';
export { maskAddress } from './pages';
