/** Where an effective setting came from, in precedence order: flag > env > config file > default. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';
