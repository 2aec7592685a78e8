/** The currency prices are in when BILLING_CURRENCY does not say (config.ts). */
export const DEFAULT_BILLING_CURRENCY = 'EUR';
