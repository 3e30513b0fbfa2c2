import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drupalAllowList, placeholderAttributes, tinymceSettings, type Manifest } from '../../../src/builder/allow-list.js';

const manifest: Manifest = {
  modules: [
    {
      declarations: [
        {
          tagName: 'cme-helpline',
          attributes: [{ name: 'phone', fieldName: 'phone' }, { name: 'config-src', fieldName: 'configSrc' }, { name: 'data-i18n' }, { name: 'announcement', fieldName: 'announcement' }],
          members: [{ name: 'phone', privacy: 'public' }, { name: 'announcement', privacy: 'private' }],
        },
      ],
    },
    { declarations: [{ tagName: 'cme-wizard', attributes: [{ name: 'referral-url', fieldName: 'referralUrl' }, { name: 'data-i18n' }] }, { attributes: [{ name: 'not-a-tag' }] }] },
  ],
};

test('placeholder attributes: data-cme and data-config first, then every attribute as data-*, data-i18n once; private state left out', () => {
  assert.deepEqual(placeholderAttributes(manifest), ['data-cme', 'data-config', 'data-config-src', 'data-i18n', 'data-phone', 'data-referral-url']);
  assert.equal(drupalAllowList(manifest), '<div data-cme data-config data-config-src data-i18n data-phone data-referral-url lang>');
});

test('TinyMCE: the tags as custom elements, each with its attributes and data-config', () => {
  assert.deepEqual(tinymceSettings(manifest), {
    custom_elements: 'cme-helpline,cme-wizard',
    extended_valid_elements: 'cme-helpline[phone|config-src|data-i18n|data-config|lang|dir|id|class],cme-wizard[referral-url|data-i18n|data-config|lang|dir|id|class]',
  });
});
