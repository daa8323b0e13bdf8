import { AuditAppendOnly1795432280000 as PostgresAuditAppendOnly } from './postgres/1795432280000-audit-append-only';
import { Initial1795432270610 as PostgresInitial } from './postgres/1795432270610-initial';
import { Identity1795439772801 as PostgresIdentity } from './postgres/1795439772801-identity';
import { Catalog1795453877741 as PostgresCatalog } from './postgres/1795453877741-catalog';
import { Guests1795459288466 as PostgresGuests } from './postgres/1795459288466-guests';
import { Alerts1796613004518 as PostgresAlerts } from './postgres/1796613004518-alerts';
import { Guests1795459288466 as SqliteGuests } from './sqlite/1795459288466-guests';
import { Alerts1796613004518 as SqliteAlerts } from './sqlite/1796613004518-alerts';
import { Feeds1796613159928 as PostgresFeeds } from './postgres/1796613159928-feeds';
import { Feeds1796613159928 as SqliteFeeds } from './sqlite/1796613159928-feeds';
import { Announcements1796613100000 as PostgresAnnouncements } from './postgres/1796613100000-announcements';
import { Announcements1796613100000 as SqliteAnnouncements } from './sqlite/1796613100000-announcements';
import { Catalog1795453877741 as SqliteCatalog } from './sqlite/1795453877741-catalog';
import { AuditAppendOnly1795432280000 as SqliteAuditAppendOnly } from './sqlite/1795432280000-audit-append-only';
import { Initial1795432270610 as SqliteInitial } from './sqlite/1795432270610-initial';
import { Identity1795439772801 as SqliteIdentity } from './sqlite/1795439772801-identity';
import { SupportTickets1796625483718 as PostgresSupportTickets } from './postgres/1796625483718-support-tickets';
import { SupportTickets1796625483718 as SqliteSupportTickets } from './sqlite/1796625483718-support-tickets';
import { SupportEdge1796625507962 as PostgresSupportEdge } from './postgres/1796625507962-support-edge';
import { SupportEdge1796625507962 as SqliteSupportEdge } from './sqlite/1796625507962-support-edge';
import { SupportAppChoice1796700000000 as PostgresSupportAppChoice } from './postgres/1796700000000-support-app-choice';
import { SupportAppChoice1796700000000 as SqliteSupportAppChoice } from './sqlite/1796700000000-support-app-choice';

/**
 * Migrations in order, one list per dialect (`npm run db:migration -- <Name>` writes both files).
 * Add new ones at the end of both lists; never edit one that has been released.
 */
export const SQLITE_MIGRATIONS = [SqliteInitial, SqliteAuditAppendOnly, SqliteIdentity, SqliteCatalog, SqliteGuests, SqliteAlerts, SqliteAnnouncements, SqliteFeeds, SqliteSupportTickets, SqliteSupportEdge, SqliteSupportAppChoice];
export const POSTGRES_MIGRATIONS = [PostgresInitial, PostgresAuditAppendOnly, PostgresIdentity, PostgresCatalog, PostgresGuests, PostgresAlerts, PostgresAnnouncements, PostgresFeeds, PostgresSupportTickets, PostgresSupportEdge, PostgresSupportAppChoice];
