{{/*
NetworkPolicy of one component. The gateway's http port accepts traffic from
networkPolicy.gatewayIngressFrom (anyone when empty); every other component's http port accepts
only the gateway's pods of this release. The management port accepts only the monitoring
namespaces. Egress stays open unless networkPolicy.egress.restrict.
*/}}
{{- define "ledgerflow.networkPolicy" -}}
{{- $root := .root -}}
{{- $np := $root.Values.networkPolicy -}}
{{- $ctx := dict "root" $root "component" .component -}}
{{- if $np.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "ledgerflow.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "ledgerflow.componentLabels" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "ledgerflow.selectorLabels" $ctx | nindent 6 }}
  policyTypes:
    - Ingress
    {{- if $np.egress.restrict }}
    - Egress
    {{- end }}
  ingress:
    - ports:
        - port: http
          protocol: TCP
      {{- if eq .key "gateway" }}
      {{- with $np.gatewayIngressFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- else }}
      from:
        - podSelector:
            matchLabels:
              {{- include "ledgerflow.selectorLabels" (dict "root" $root "component" "gateway") | nindent 14 }}
      {{- end }}
    - ports:
        - port: management
          protocol: TCP
      from:
        - namespaceSelector:
            {{- toYaml $np.monitoring.namespaceSelector | nindent 12 }}
          {{- with $np.monitoring.podSelector }}
          podSelector:
            {{- toYaml . | nindent 12 }}
          {{- end }}
  {{- if $np.egress.restrict }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ include "ledgerflow.name" $root }}
              app.kubernetes.io/instance: {{ $root.Release.Name }}
    {{- with $np.egress.extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- end -}}
{{- end -}}
