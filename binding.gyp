{
  "targets": [
    {
      "target_name": "rtp_io",
      "sources": ["native/rtp-io/rtp_io.c"],
      "cflags": ["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror"]
    }
  ]
}
