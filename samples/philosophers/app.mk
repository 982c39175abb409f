# It prints no floating point: printf without %f keeps the image 4 KiB
# smaller.
APP_PRINTF := integer
