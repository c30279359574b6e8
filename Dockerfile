# wascan in a minimal image: the static (musl) release binary on `scratch`, the CA certificates
# it needs for HTTPS to AWS, a non-root user, nothing else (no shell, no package manager).
#
# Build it from a release binary (the `wascan` of a `wascan-<arch>-unknown-linux-musl.tar.xz`
# archive, or `target/x86_64-unknown-linux-musl/dist/wascan` after `dist build`), copied into the
# build context:
#
#   docker build --build-arg WASCAN_BIN=wascan -t wascan .
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN \
#       -e AWS_REGION=eu-west-1 -v "$PWD/out:/home/wascan/out" wascan scan --output-dir out
#
# Credentials (environment, a mounted profile, an ECS task role, IRSA or EKS Pod Identity):
# docs/container.md. The image is checked by `scripts/container-test` (podman).

# Only the CA bundle comes from this stage; its root file system is not in the image.
ARG CERTS_IMAGE=docker.io/library/alpine:3.20
FROM ${CERTS_IMAGE} AS certs

FROM scratch
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
# The working directory, owned by the user the image runs as: results go to ./wascan-out.
COPY --from=certs --chown=65532:65532 /tmp/ /home/wascan/
ARG WASCAN_BIN=wascan
COPY --chmod=0755 ${WASCAN_BIN} /usr/local/bin/wascan
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    HOME=/home/wascan \
    PATH=/usr/local/bin
# A numeric uid: no /etc/passwd in the image, and Kubernetes' runAsNonRoot can check it.
USER 65532:65532
WORKDIR /home/wascan
ENTRYPOINT ["/usr/local/bin/wascan"]
CMD ["--help"]
