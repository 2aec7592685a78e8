import type { Migration } from 'kysely/migration';
import * as identity from './0001_identity';
import * as protection from './0002_protection';
import * as security from './0003_security';
import * as activeDevicesIndex from './0004_active_devices_index';
import * as accountLanguage from './0005_account_language';
import * as deviceTokens from './0006_device_tokens';
import * as invitationAddressIndex from './0007_invitation_address_index';
import * as seatChangesAndKeyedComponents from './0008_seat_changes_and_keyed_components';
import * as productKeyLastGroup from './0009_product_key_last_group';
import * as accountEvents from './0010_account_events';
import * as emailCodes from './0011_email_codes';
import * as mailOutboxAndJobs from './0012_mail_outbox_and_jobs';
import * as billing from './0013_billing';
import * as releases from './0014_releases';
import * as helpArticles from './0017_help_articles';
import * as supportTickets from './0018_support_tickets';
import * as supportAgents from './0019_support_agents';
import * as replacedDeviceIndex from './0020_replaced_device_index';
import * as supportChats from './0021_support_chats';
import * as chatCustomerPresence from './0022_chat_customer_presence';

/**
 * Every migration, in order. Names sort by their number; a new one is the next
 * `NNNN_<what>.ts` and one line here.
 */
export const migrations: Record<string, Migration> = {
  '0001_identity': identity,
  '0002_protection': protection,
  '0003_security': security,
  '0004_active_devices_index': activeDevicesIndex,
  '0005_account_language': accountLanguage,
  '0006_device_tokens': deviceTokens,
  '0007_invitation_address_index': invitationAddressIndex,
  '0008_seat_changes_and_keyed_components': seatChangesAndKeyedComponents,
  '0009_product_key_last_group': productKeyLastGroup,
  '0010_account_events': accountEvents,
  '0011_email_codes': emailCodes,
  '0012_mail_outbox_and_jobs': mailOutboxAndJobs,
  '0013_billing': billing,
  '0014_releases': releases,
  '0017_help_articles': helpArticles,
  '0018_support_tickets': supportTickets,
  '0019_support_agents': supportAgents,
  '0020_replaced_device_index': replacedDeviceIndex,
  '0021_support_chats': supportChats,
  '0022_chat_customer_presence': chatCustomerPresence,
};
