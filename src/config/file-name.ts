/** The config file a command reads from the working directory when --config is not given. */
export const CONFIG_FILE = 'lead-kit.config.json';
