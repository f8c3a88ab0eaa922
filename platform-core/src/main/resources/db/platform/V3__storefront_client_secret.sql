-- The confidential storefront client's secret in the tenant's Keycloak realm, sealed with the
-- tenant's own key (SecretBox: AES-GCM, key derived from the platform master key and the slug).
ALTER TABLE tenant ADD COLUMN storefront_client_secret text CHECK (storefront_client_secret LIKE 'v1.%');
