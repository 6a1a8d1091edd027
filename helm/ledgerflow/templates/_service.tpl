{{/*
Service of one component: the http port. The management port stays off the Service; Prometheus
scrapes pods directly through the pod annotations.
*/}}
{{- define "ledgerflow.service" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .key -}}
{{- $ctx := dict "root" $root "component" .component -}}
{{- $type := $v.service.type | default "ClusterIP" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ledgerflow.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "ledgerflow.componentLabels" $ctx | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $type }}
  selector:
    {{- include "ledgerflow.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.service.port }}
      targetPort: http
      protocol: TCP
      {{- if and (ne $type "ClusterIP") $v.service.nodePort }}
      nodePort: {{ $v.service.nodePort }}
      {{- end }}
{{- end -}}
