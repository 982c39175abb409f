# Nothing printed here is floating point: printf without %f (4 KiB less).
APP_PRINTF := integer
