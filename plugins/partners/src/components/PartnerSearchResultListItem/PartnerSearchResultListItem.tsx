/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  isPartnerSearchDocument,
  partnerSearchDocumentFields,
} from '@partner-governance/plugin-partners-common';
import { PartnerStageTierChips } from '../common/PartnerStageTierChips';
import { humanize } from '../common/formatters';

/**
 * Props of {@link PartnerSearchResultListItem}.
 *
 * @public
 */
export interface PartnerSearchResultListItemProps {
  /** An icon before the result, or a function of the result that gives one. */
  icon?: ReactNode | ((result: SearchDocument) => ReactNode);
  /** The search document; `SearchResult` sets it. */
  result?: SearchDocument;
  /** Where the search term matched; `SearchResult` sets it. */
  highlight?: ResultHighlight;
  /** The result's rank; `SearchResult` sets it. */
  rank?: number;
  /** How many lines of the text to show at most. */
  lineClamp?: number;
}

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    content: { flexWrap: 'wrap', width: '100%' },
    itemText: { width: '100%', wordBreak: 'break-word' },
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      marginBottom: theme.spacing(2),
    },
  }),
  { name: 'PartnerSearchResultListItem' },
);

/** A field of the document if it is a non-empty string. */
function stringField(document: object, field: string): string | undefined {
  const value = (document as Record<string, unknown>)[field];
  return typeof value === 'string' && value ? value : undefined;
}

/** The partner ref of an integration's document, if it is a valid ref. */
function partnerRefOf(document: object): string | undefined {
  const ref = stringField(document, 'partner');
  try {
    return ref && parseEntityRef(ref) ? ref : undefined;
  } catch {
    return undefined;
  }
}

function Highlighted(props: {
  field: 'title' | 'text';
  text: string;
  highlight?: ResultHighlight;
}) {
  const { field, text, highlight } = props;
  const highlighted = highlight?.fields[field];
  return highlighted ? (
    <HighlightedSearchResultText
      text={highlighted}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{text}</>
  );
}

/**
 * A Partner or PartnerIntegration in the search results: its title (linked
 * to its entity page) and text, its kind and type, the partner's lifecycle
 * stage and risk tier and, for an integration, its environment and partner.
 * Renders nothing for any other document.
 *
 * @public
 */
export function PartnerSearchResultListItem(
  props: PartnerSearchResultListItemProps,
) {
  const { result, highlight, icon, lineClamp = 5 } = props;
  const classes = useStyles();
  if (!result || !isPartnerSearchDocument(result)) {
    return null;
  }
  const { stage, tier, partnerType, integrationType, environment } =
    partnerSearchDocumentFields(result);
  const isPartner = result.kind === 'Partner';
  const type = isPartner ? partnerType : integrationType;
  const partner = isPartner ? undefined : partnerRefOf(result);
  return (
    <div className={classes.item}>
      {icon && (
        <ListItemIcon>
          {typeof icon === 'function' ? icon(result) : icon}
        </ListItemIcon>
      )}
      <div className={classes.content}>
        <ListItemText
          className={classes.itemText}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                field="title"
                text={result.title}
                highlight={highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                field="text"
                text={result.text}
                highlight={highlight}
              />
            </Typography>
          }
        />
        <Box className={classes.chips}>
          <Chip
            size="small"
            label={isPartner ? 'Partner' : 'Partner integration'}
          />
          {type && <Chip size="small" label={`Type: ${humanize(type)}`} />}
          {environment && (
            <Chip
              size="small"
              label={`Environment: ${humanize(environment)}`}
            />
          )}
          <PartnerStageTierChips stage={stage} tier={tier} />
          {partner && (
            <Typography variant="body2" component="span">
              Partner:{' '}
              <EntityRefLink
                entityRef={partner}
                title={stringField(result, 'partnerTitle')}
              />
            </Typography>
          )}
        </Box>
      </div>
    </div>
  );
}
