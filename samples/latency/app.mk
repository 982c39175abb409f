# All times are printed as integer ns: printf without %f keeps the
# image 4 KiB smaller.
APP_PRINTF := integer
