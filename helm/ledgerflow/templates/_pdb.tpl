{{/*
PodDisruptionBudget of one component, when <key>.pdb.enabled.
*/}}
{{- define "ledgerflow.pdb" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .key -}}
{{- $ctx := dict "root" $root "component" .component -}}
{{- if $v.pdb.enabled -}}
{{- $replicas := ternary $v.autoscaling.minReplicas $v.replicaCount $v.autoscaling.enabled -}}
{{- if and (kindIs "float64" $v.pdb.minAvailable) (le (int $replicas) (int $v.pdb.minAvailable)) -}}
{{- fail (printf "%s.pdb.minAvailable (%v) must be below its replicas (%v), or the PodDisruptionBudget blocks every node drain; lower it, raise the replicas or set %s.pdb.enabled=false" .key $v.pdb.minAvailable $replicas .key) -}}
{{- end -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ledgerflow.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "ledgerflow.componentLabels" $ctx | nindent 4 }}
spec:
  minAvailable: {{ $v.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "ledgerflow.selectorLabels" $ctx | nindent 6 }}
{{- end -}}
{{- end -}}
