import type { CatalogSpec } from "../../constructs/model";

/**
 * RedHat UBI base images, pinned by digest. The platform team bumps a digest when RedHat publishes a
 * security rebuild; `estate socles` then lists the socles and app images to rebuild.
 */
export const baseImages: CatalogSpec["baseImages"] = {
  "ubi9-minimal": {
    image: "registry.access.redhat.com/ubi9/ubi-minimal",
    version: "9.6",
    digest: "sha256:cb6adcc38d56ad76d593c6db05969ccfd91818ee38c1432f105c5c8ae05487c6",
  },
  "ubi9-openjdk-21-runtime": {
    image: "registry.access.redhat.com/ubi9/openjdk-21-runtime",
    version: "1.22",
    digest: "sha256:1545c9ac4e7fab95912941628aef963ad1892e0ef5bb54d9068100ed2a73297c",
  },
  "ubi9-openjdk-17-runtime": {
    image: "registry.access.redhat.com/ubi9/openjdk-17-runtime",
    version: "1.22",
    digest: "sha256:4d85df1cc7bedb13410877eede79906ac7828d3cfe7c814e36175d8540cc4126",
  },
  "ubi9-nodejs-22-minimal": {
    image: "registry.access.redhat.com/ubi9/nodejs-22-minimal",
    version: "9.6",
    digest: "sha256:45c418f9136c26d80ad30573eb60ddbd8c6fa4a52e6d700453ae20693383e14b",
  },
  "ubi9-python-312": {
    image: "registry.access.redhat.com/ubi9/python-312",
    version: "9.6",
    digest: "sha256:adaec0b310f1486189ca3c6e6ac8f80531a15382faccabae83a048d428cded62",
  },
  "ubi8-openjdk-11-runtime": {
    image: "registry.access.redhat.com/ubi8/openjdk-11-runtime",
    version: "1.21",
    digest: "sha256:363a3980653b3feddcca3540847225fc678b0023382a5a37a07cfdeea9e593fe",
  },
};
