// The secrets and phone numbers the tests use: none may appear in a log event or an error message.
export const PASSPHRASES = ['demo-passphrase-change-me'];
export const PASSWORDS = [];
export const PHONES = [
  '099123456', '098111222', '097333444', '24000000', '091000000', '099555014', '24005555', '098765432',
  '59899123456', '099555', '0142',
];
