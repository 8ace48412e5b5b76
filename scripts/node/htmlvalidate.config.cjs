// html-validate configuration for the built site (tests/test_site.py runs it on every page).
// Presets: standard + a11y. Every exception is named here with the reason it is one.
module.exports = {
  extends: ["html-validate:standard", "html-validate:a11y"],
  rules: {
    // furo marks the content with <article role="main"> and its stylesheet selects exactly that
    // (article[role=main] ...); a <main> element would lose the theme's content styles. The
    // landmark itself is right: screen readers find one main region per page (axe checks it).
    // furo wraps every table in <div class="table-wrapper">; gdsite.scrollables makes that div a
    // named, focusable region (the standard pattern for a table that scrolls sideways) rather than
    // rewriting furo's markup into a <section>.
    "prefer-native-element": ["error", { exclude: ["main", "region"] }],
  },
};
