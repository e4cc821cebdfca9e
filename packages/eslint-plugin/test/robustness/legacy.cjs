// Sloppy-mode CommonJS: `with`, `arguments.callee`, function declarations in
// blocks, `var` hoisting, and require/module.exports.
var https = require('https');
var scope = { delay: 10 };

function get(url) {
  return new Promise(function (resolve, reject) {
    https.get(url, resolve).on('error', reject);
  });
}

with (scope) {
  setTimeout(function () {
    get('https://example.com/' + delay);
  }, delay);
}

if (true) {
  function inBlock() {
    return Promise.all([get('https://a'), get('https://b')]);
  }
  inBlock();
}

var counter = function () {
  return arguments.callee.length;
};

module.exports = { get: get, counter: counter };
module.exports.all = function (urls) {
  urls.forEach(async function (url) {
    await get(url);
  });
  return Promise.race(urls.map(get));
};
