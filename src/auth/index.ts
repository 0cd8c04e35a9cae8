/**
 * Accounts, roles and sessions (a leaf: the store keeps the rows through {@link AccountStore}, the
 * HTTP layer asks who is signed in and what they may do).
 */
export { createAccounts, defaultSessionHours, minPasswordLength, type Account, type AccountRow, type Accounts, type AccountStore, type NewAccount, type Principal, type Session, type SessionRow } from './accounts.js';
export { groupsOf, isRole, permissions, permissionsOf, roles, type Permission, type Role } from './roles.js';
export { hashPassword, verifyPassword } from './passwords.js';
