# zephyr.bin's default program: printf without %f keeps the product
# image 4 KiB smaller, and this program prints no floating point.
APP_PRINTF := integer
