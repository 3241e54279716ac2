// The environment every jsii tool and runtime runs in here. jsii (and jsii-pacmak, which runs
// it) downloads its release-support document from GitHub on every run unless
// JSII_SILENCE_SUPPORT_WARNING is set (jsii/lib/support.js: getReleasesDocument), and jsii's
// tools and the jsii kernel that Python, Java and Go start print a banner for Node 20 unless
// JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION names it (@jsii/check-node): both are set,
// so no build touches the network and no run prints the banner.
'use strict';

/** `process.env` with jsii quiet, and `extra` on top. */
function jsiiEnv(extra = {}) {
  return {
    ...process.env,
    JSII_SILENCE_SUPPORT_WARNING: '1',
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
    ...extra,
  };
}

module.exports = { jsiiEnv };
