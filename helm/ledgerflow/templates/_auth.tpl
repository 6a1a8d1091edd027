{{/*
Authentication of the gateway and every service (docs/security.md): the same AUTH_* variables for all.
On (the default), it needs auth.jwksUri (an identity provider) or auth.existingSecret (a Secret holding the HS256
key); with neither, rendering fails rather than deploying processes that would refuse to start.
*/}}
{{- define "ledgerflow.authEnv" -}}
{{- $auth := .Values.auth -}}
- name: AUTH_ENABLED
  value: {{ $auth.enabled | quote }}
{{- if $auth.enabled }}
{{- if not (or $auth.jwksUri $auth.existingSecret) }}
{{- fail "auth.enabled is true (the default) but no key is set: set auth.jwksUri (and auth.issuer) for an identity provider, or auth.existingSecret naming a Secret with the HS256 signing key (at least 32 bytes) under auth.existingSecretKey; auth.enabled=false opens every workspace to anyone" }}
{{- end }}
{{- with $auth.jwksUri }}
- name: AUTH_JWK_SET_URI
  value: {{ . | quote }}
{{- end }}
{{- with $auth.existingSecret }}
- name: AUTH_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $auth.existingSecretKey }}
{{- end }}
{{- with $auth.issuer }}
- name: AUTH_ISSUER
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}
